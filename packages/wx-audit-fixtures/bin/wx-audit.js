#!/usr/bin/env node
// Committed launcher: package managers link `bin` at install time, before anything is built in a
// workspace, so the bin must point at a file that exists in the repository (dist/ is generated).
import '../dist/cli.js';
