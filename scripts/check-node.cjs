// Fails early, with a plain message, when Node is older than Hardhat 3 needs.
"use strict";
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `Cosmolocal needs Node >= 22.13 (Hardhat 3); this is Node ${process.versions.node}.\n` +
      "Install a newer Node (e.g. `nvm install 24`) or run `source ../shared/tools/node-lts.sh`.",
  );
  process.exit(1);
}
