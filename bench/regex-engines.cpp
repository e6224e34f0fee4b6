// The engine comparison behind riskgate's choice of RE2 (README, "Matching in bounded time"):
// the probe's worst lines against PCRE2 (JIT with match/depth limits; DFA matcher, plain and
// with a `.*?` prefix to make one pass) and RE2.
//   g++ -O2 bench/regex-engines.cpp -o /tmp/regex-engines -lpcre2-8 -lre2 && /tmp/regex-engines
// Needs libpcre2-dev and libre2-dev. Result codes: PCRE2 -1 no match, -47 match limit hit,
// -43 DFA workspace full; RE2 "unsupported" means the pattern does not compile (lookaround).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <re2/re2.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Case {
    const char *name;
    std::string pattern;
    std::string subject;
};

int main() {
    std::vector<Case> cases;
    const std::string sqlOld =
        "(?i)^\\s*(delete\\s+from|update)\\s+[`\"\\w.]+(\\s+set\\s+((?!\\bwhere\\b)[^;])*)?\\s*;\\s*$";
    const std::string sqlNew = "(?i)^\\s*(delete\\s+from|update)\\s+[`\"\\w.]+(\\s+set\\s+[^;]*)?\\s*;\\s*$";
    for (int n : {1000, 4000, 16000, 64000}) {
        std::string curl;
        for (int i = 0; i < n / 5; i++) curl += "curl ";
        cases.push_back({"sql-delete-all-rows (lookahead)", sqlOld, "update users set" + std::string(n, ' ') + "a"});
        cases.push_back({"sql-delete-all-rows (unless)", sqlNew, "update users set" + std::string(n, ' ') + "a"});
        cases.push_back({"ci-pipe-to-shell", "(curl|wget)\\s[^|]*\\|\\s*(sudo\\s+)?(ba|z)?sh\\b", curl});
        cases.push_back({"force-destroy", "force_destroy\"?\\s*[:=]\\s*true", std::string(n, ' ') + "force_destroy = true"});
        cases.push_back({"(a+)+$", "(a+)+$", std::string(n, 'a') + "b"});
    }
    std::printf("%-32s %8s  %-18s %-18s %-18s %s\n", "pattern", "bytes", "pcre2-jit", "pcre2-dfa", "pcre2-dfa-.*?", "re2");
    for (auto &c : cases) {
        int error;
        PCRE2_SIZE offset;
        const uint32_t flags = PCRE2_UTF | PCRE2_UCP;
        pcre2_code *jit = pcre2_compile((PCRE2_SPTR)c.pattern.data(), c.pattern.size(), flags, &error, &offset, nullptr);
        pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE);
        pcre2_match_context *limits = pcre2_match_context_create(nullptr);
        pcre2_set_match_limit(limits, 1000000);
        pcre2_set_depth_limit(limits, 10000);
        pcre2_match_data *data = pcre2_match_data_create_from_pattern(jit, nullptr);
        double start = now();
        int jitResult = pcre2_match(jit, (PCRE2_SPTR)c.subject.data(), c.subject.size(), 0, 0, data, limits);
        double jitTime = now() - start;

        static int workspace[4096];
        start = now();
        int dfaResult = pcre2_dfa_match(jit, (PCRE2_SPTR)c.subject.data(), c.subject.size(), 0, PCRE2_DFA_SHORTEST, data,
                                        nullptr, workspace, 4096);
        double dfaTime = now() - start;

        std::string prefixed = c.pattern.rfind("(?i)", 0) == 0 ? "(?i)(?s:.)*?(?:" + c.pattern.substr(4) + ")"
                                                               : "(?s:.)*?(?:" + c.pattern + ")";
        pcre2_code *one = pcre2_compile((PCRE2_SPTR)prefixed.data(), prefixed.size(), flags | PCRE2_ANCHORED, &error,
                                        &offset, nullptr);
        start = now();
        int oneResult = pcre2_dfa_match(one, (PCRE2_SPTR)c.subject.data(), c.subject.size(), 0, PCRE2_DFA_SHORTEST,
                                        data, nullptr, workspace, 4096);
        double oneTime = now() - start;

        RE2::Options options;
        options.set_log_errors(false);
        options.set_never_capture(true);
        RE2 re2(c.pattern, options);
        char re2Text[64] = "unsupported";
        if (re2.ok()) {
            start = now();
            bool found = RE2::PartialMatch(c.subject, re2);
            std::snprintf(re2Text, sizeof re2Text, "%.6fs (%s)", now() - start, found ? "match" : "none");
        }
        std::printf("%-32s %8zu  %.6fs (%4d)  %.6fs (%4d)  %.6fs (%4d)  %s\n", c.name, c.subject.size(), jitTime,
                    jitResult, dfaTime, dfaResult, oneTime, oneResult, re2Text);
        std::fflush(stdout);
        pcre2_match_data_free(data);
        pcre2_match_context_free(limits);
        pcre2_code_free(jit);
        pcre2_code_free(one);
    }
}
