/** What a CLI command may touch: its streams, the working directory and the environment. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout/stderr are terminals (progress bars, colours, prompts). */
  isTTY: boolean;
  /** Ask the user a yes/no question on the terminal; resolves false when not interactive. */
  confirm: (question: string) => Promise<boolean>;
}

/** One `tierwise <name>` command. Returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}
