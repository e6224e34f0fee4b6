// A four-function C view of RE2 (https://github.com/google/re2), the linear-time regular
// expression engine, for Swift: compile once, match from any number of threads, free.
// RE2 guarantees time linear in the subject for every pattern it accepts; it rejects what it
// cannot bound (backreferences, lookaround) at compile time with a message.
#ifndef RISKGATE_CRE2_H
#define RISKGATE_CRE2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct riskgate_re2 riskgate_re2;

/// Compiles `pattern` (UTF-8, `length` bytes; NUL bytes allowed) in RE2's Perl-like syntax,
/// without capturing groups. On failure returns NULL and writes a NUL-terminated reason into
/// `error` (at most `error_capacity` bytes). `max_memory` bounds the compiled program and the
/// lazy DFA's cache (bytes); a pattern whose program does not fit is rejected.
riskgate_re2 *riskgate_re2_compile(
    const char *pattern, size_t length, long long max_memory, char *error, size_t error_capacity);

/// 1 when `text` (`length` bytes) contains a match, else 0. Thread-safe on a shared pattern.
int riskgate_re2_search(const riskgate_re2 *regex, const char *text, size_t length);

/// The size of the compiled program (RE2's measure of pattern cost).
int riskgate_re2_program_size(const riskgate_re2 *regex);

void riskgate_re2_free(riskgate_re2 *regex);

#ifdef __cplusplus
}
#endif

#endif
