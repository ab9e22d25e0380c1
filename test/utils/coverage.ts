// Whether the tests run under `hardhat test --coverage`: the bytecode is instrumented, so absolute gas figures mean
// nothing there (a test that checks one skips it; the bench measures it on the real bytecode).
import hre from "hardhat";

export const coverage = hre.globalOptions.coverage === true;
