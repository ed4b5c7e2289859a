// Stands in for `@types/node` when tsconfig.types-latest.json compiles type-tests/: its typeRoots point
// here, so every `/// <reference types="node" />` (ours, express's, undici's) reaches the newest major,
// installed under the alias `@types/node-latest`, instead of the @types/node 20 the workspace uses.
/// <reference types="node-latest" />
