// Splits an SSH exec string into words as a POSIX shell would for plain words and quoting (single
// quotes, double quotes with \\ \" \$ \` escapes, backslash outside quotes). No expansion: the lab
// never runs a shell, it only needs the argv the client meant.
export function splitPosixCommand(command: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated single quote");
      cur += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === "\\" && i + 1 < command.length && '\\"$`\n'.includes(command[i + 1])) i++;
        cur += command[i];
      }
      if (i >= command.length) throw new Error("unterminated double quote");
      inWord = true;
    } else if (c === "\\" && i + 1 < command.length) {
      cur += command[++i];
      inWord = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
