// libFuzzer's driver entry (compiler-rt FuzzerInterface.h), linked by -sanitize=fuzzer. SwiftPM names an executable's
// entry point <module>_main on Linux, so the harnesses start libFuzzer from their main.swift through this call
// rather than through libFuzzer's own main().
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
