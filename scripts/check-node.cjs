// Fails early, with a plain message, when Node is older than Hardhat 3 needs.
"use strict";
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `Cosmolocal needs Node >= 22.13 (Hardhat 3); this is Node ${process.versions.node}.\n` +
      "Install Node 24 with a version manager: `nvm install 24 && nvm use 24`, or `fnm install 24 && fnm use 24`.",
  );
  process.exit(1);
}
