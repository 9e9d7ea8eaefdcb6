/*
 * bcryptprimitives.dll for the Wine tests only, never shipped.
 *
 * Go 1.22 and later get their random numbers on Windows from ProcessPrng in
 * bcryptprimitives.dll. Debian 12's Wine 8 has no such DLL, so the shipped
 * .exe would not even start under it. This forwards ProcessPrng to
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. test-wine.sh
 * compiles it with mingw-w64 into the throwaway Wine prefix's system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
