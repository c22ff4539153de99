// Registers cdktf's Jest matchers (toHaveResource, toBeValidTerraform, ...).
const { Testing } = require("cdktf");
Testing.setupJest();
