/** The one table that maps outcomes to exit codes. Only the CLI uses it. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
