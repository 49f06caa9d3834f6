// Proves the debug-log redaction: passwords, Basic tokens, NT hashes and Authorization values vanish.
import { strict as assert } from "node:assert";
import { WinRmTransport } from "../../../provider/remote/winrm/transport";
import { ntowfv1 } from "../../../provider/remote/winrm/ntlm";

describe("winrm transport: redaction", () => {
  it("removes every form of the secret from a line", () => {
    const password = "Sécret ローカル!";
    const t = new WinRmTransport({ name: "n", host: "127.0.0.1", https: true, auth: { type: "basic", username: "admin", password } });
    const basic = Buffer.from(`admin:${password}`).toString("base64");
    const line = `pw=${password} token=${basic} hash=${ntowfv1(password).toString("hex")} Authorization: Negotiate TlRMTVNTUAABAAAA`;
    const out = t.redact(line);
    assert.ok(!out.includes(password));
    assert.ok(!out.includes(basic));
    assert.ok(!out.includes(ntowfv1(password).toString("hex")));
    assert.ok(!out.includes("TlRMTVNTUAABAAAA"));
    assert.match(out, /pw=\*\*\* token=\*\*\* hash=\*\*\* Authorization: Negotiate \*\*\*/);
    t.close();
  });
});
