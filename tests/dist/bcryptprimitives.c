/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 (Debian 12), which lacks it: Rust's
 * standard library (1.78+) draws its random numbers from ProcessPrng there. Real Windows (10 and
 * later) has the DLL; only `make test-dist-windows` installs this one, into its own Wine prefix.
 * ProcessPrng is answered by RtlGenRandom (advapi32's SystemFunction036), the system CSPRNG. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
