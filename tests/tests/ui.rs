//! trybuild UI tests: `ui/pass` must build, every `ui/compile_fail` case must
//! fail with exactly the checked-in (reviewed) `.stderr`.
//! Regenerate with `TRYBUILD=overwrite`, then review every changed file.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/compile_fail/*.rs");
}
