import { createInterface } from 'node:readline/promises';
import { isTierwiseError } from '../engine/errors';
import type { CliCommand, CliIO } from './types';

/**
 * The command table: name -> lazy loader, so `tierwise --help` does not load TypeScript.
 * Add one line per command; each module exports `command: CliCommand`.
 */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  scan: async () => (await import('./commands/scan')).command,
  project: async () => (await import('./commands/project')).command,
  init: async () => (await import('./commands/init')).command,
  audit: async () => (await import('./commands/audit')).command,
  catalog: async () => (await import('./commands/catalog')).command,
  snapshot: async () => (await import('./commands/snapshot')).command,
  diff: async () => (await import('./commands/diff')).command,
  profile: async () => (await import('./commands/profile')).command,
};

function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
    confirm: async (question) => {
      if (!process.stdin.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}

async function help(io: CliIO): Promise<number> {
  const lines = ['Usage: tierwise <command> [options]', '', 'Commands:'];
  for (const load of Object.values(COMMANDS)) {
    const command = await load();
    lines.push(`  ${command.name.padEnd(10)} ${command.summary}`);
  }
  lines.push('', 'Run `tierwise <command> --help` for the options of a command.');
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** Runs the CLI with the given arguments; returns the exit code. Exported for in-process tests. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return help(io);
  if (name === '--version' || name === '-v') {
    io.stdout(`${process.env.TIERWISE_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`tierwise: unknown command '${name}'. Run \`tierwise --help\` for the list of commands.\n`);
    return 2;
  }
  try {
    const command = await load();
    // Every command's `--help` is answered here, from its `usage`, before its own parsing can fail.
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage.trimEnd()}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (isTierwiseError(error)) {
      io.stderr(`tierwise ${name}: ${error.toUserString()}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`tierwise ${name}: internal error: ${message}\nPlease report this with the command you ran.\n`);
    if (process.env.TIERWISE_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return 70;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
