// The command line's dispatcher: argv (after the script's name) and the three streams in, the exit
// status out. scripts/fakemeter runs it on the process's own streams; the tests run it in memory
// too, so that checking a report's content does not start node and load the wasm engine each time.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { UsageError } from './io.mjs';

const cli = path.dirname(fileURLToPath(import.meta.url));
const commands = {
  classify: 'score account records (JSON Lines): fake probability, tier, reasons',
  estimate: 'estimate the fake-follower percentage of an audience from a follower sample',
  profile: 'analyse a web_profile_info document: instant estimate with reasons',
  comments: 'judge the comments of recent posts: pods, suggested-comment networks, spam',
};
const usage = `Usage: scripts/fakemeter <command> [options]  (--help after a command for details)\n\n` +
  Object.entries(commands).map(([c, d]) => `  ${c.padEnd(9)} ${d}`).join('\n') + '\n';

export async function fakemeter(argv, io) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout.write(usage);
    return cmd ? 0 : 2;
  }
  const file = path.join(cli, `${cmd}.mjs`);
  if (!(cmd in commands) || !existsSync(file)) {
    io.stderr.write(`fakemeter: unknown command '${cmd}'\n\n${usage}`);
    return 2;
  }
  const mod = await import(file);
  try {
    return await mod.main(rest, io);
  } catch (err) {
    io.stderr.write(`fakemeter ${cmd}: ${err.message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
