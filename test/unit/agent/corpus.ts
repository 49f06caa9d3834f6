// Strings that would do something if a shell, cmd.exe or PowerShell ever parsed them. Each test that uses this
// corpus proves the value arrives as literal data and that the canary command never ran.

/** A path that a successful injection would create. Each corpus entry is built around it. */
export function injectionCorpus(canary: string): string[] {
  return [
    `'`,
    `"`,
    `a'b"c`,
    `'\\''`,
    `; touch ${canary}`,
    `& touch ${canary}`,
    `&& touch ${canary}`,
    `| touch ${canary}`,
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `' ; touch ${canary} ; '`,
    `" ; touch ${canary} ; "`,
    `\n touch ${canary}\n`,
    `a\nb\r\nc`,
    `%PATH%`,
    `%COMSPEC% /c touch ${canary}`,
    `^& touch ${canary}`,
    `$env:PATH; New-Item ${canary}`,
    `@(New-Item ${canary})`,
    `ローカル エリア接続`,
    `${"${IFS}"}touch${"${IFS}"}${canary}`,
    `$HOME ~ * ? [a] {a,b}`,
    `back\\slash\\`,
    `trailing backslash \\`,
    `-rf`,
    `--`,
    ` leading and trailing space `,
    `tab\there`,
    `!event # comment`,
    `x=y`,
    `> ${canary}`,
    `< /etc/passwd`,
  ];
}

/** The corpus entries usable as one file name component (no '/'). */
export function fileNameSafe(corpus: readonly string[]): string[] {
  return corpus.filter((s) => !s.includes("/") && s !== "" && s !== "." && s !== "..");
}
