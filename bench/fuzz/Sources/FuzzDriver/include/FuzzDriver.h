// Entry point for the libFuzzer harness under SwiftPM, which links an executable target with
// `main` defined as `<Target>_main`: this hands control to libFuzzer's driver.
int RiskgateFuzz_main(int argc, char **argv);
