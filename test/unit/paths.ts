// Where the unit tests find the repository's files, wherever a test file sits under test/unit/
// (tests run compiled, from out/test/unit/<layer>/).
import * as path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The compiled sources (out/src), for code a test runs in another thread. */
export const COMPILED_SRC = path.resolve(__dirname, '..', '..', 'src');
