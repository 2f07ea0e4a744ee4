/**
 * TypeScript's system host with a bounded `readFile`: a tsconfig (or a file it `extends`), or a
 * `package.json` met during module resolution, that is a pipe, a device or huge is treated as
 * missing instead of hanging or exhausting memory.
 */
import { ts } from 'ts-morph';
import { CONFIG_FILE_MAX_BYTES, readBounded } from './boundedRead';

/** `ts.sys` whose `readFile` reads only regular files of at most 1 MiB. */
export const boundedSys: ts.System = {
  ...ts.sys,
  readFile: (path) => {
    const read = readBounded(path, { maxBytes: CONFIG_FILE_MAX_BYTES });
    return read.ok ? read.text : undefined;
  },
};
