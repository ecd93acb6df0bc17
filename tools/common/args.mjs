// The tools' numeric command-line options: "--reps 200" -> 200, or `dflt` when absent.
export function numberArg(name, dflt, argv = process.argv) {
  const i = argv.indexOf(name);
  return i > 0 ? Number(argv[i + 1]) : dflt;
}

// A text option: "--source likers" -> "likers", or `dflt` when absent.
export function stringArg(name, dflt, argv = process.argv) {
  const i = argv.indexOf(name);
  return i > 0 ? argv[i + 1] : dflt;
}
