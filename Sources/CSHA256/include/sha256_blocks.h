// SHA-256 block compression with the processor's SHA instructions (x86-64 SHA-NI), for the
// ledger's hash chain (Sources/Ledger/Audit/SHA256.swift). The portable compression stays in
// Swift; this file only adds the hardware path, used when the processor has it.
#ifndef HALLBAR_SHA256_BLOCKS_H
#define HALLBAR_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA, SSSE3 and SSE4.1 instructions this file uses, else 0.
/// Asked once (CPUID); cheap to call again.
int hallbar_sha256_blocks_available(void);

/// Compresses `blocks` 64-byte blocks at `data` into `state` (H0…H7, FIPS 180-4 6.2.2).
/// Only when `hallbar_sha256_blocks_available()` returned 1.
void hallbar_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
