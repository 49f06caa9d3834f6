// WS-Management SOAP envelopes for the Windows Remote Shell (cmd resource URI) and namespace-aware
// parsing of the replies (prefixes differ between Windows, pywinrm and test doubles: match URIs).
import { randomUUID } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";

export const NS = {
  s: "http://www.w3.org/2003/05/soap-envelope",
  a: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
  w: "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
  p: "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd",
  x: "http://schemas.xmlsoap.org/ws/2004/09/transfer",
  rsp: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
  f: "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault",
} as const;

export const RESOURCE_CMD = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";
export const ACTION = {
  Create: "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create",
  Delete: "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete",
  Command: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command",
  Receive: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive",
  Send: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send",
  Signal: "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal",
} as const;
export type Operation = keyof typeof ACTION;

export const SIGNAL_TERMINATE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate";
export const SIGNAL_CTRL_C = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_c";
export const STATE_DONE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done";
export const STATE_RUNNING = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Running";
/** WSManFault code of w:TimedOut: Receive found no output within OperationTimeout. Retry. */
export const WSMAN_TIMED_OUT = "2150858793";
/** WSManFault code of w:InvalidSelectors on an unknown/expired ShellId. */
export const WSMAN_INVALID_SELECTORS = "2150858843";

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

export interface EnvelopeOptions {
  action: string;
  to: string;
  shellId?: string;
  messageId?: string;
  operationTimeoutSec?: number;
  maxEnvelopeSize?: number;
  options?: Record<string, string>;
  body: string;
}

export function buildEnvelope(o: EnvelopeOptions): string {
  const messageId = o.messageId ?? `uuid:${randomUUID().toUpperCase()}`;
  const selector = o.shellId
    ? `<w:SelectorSet><w:Selector Name="ShellId">${xmlEscape(o.shellId)}</w:Selector></w:SelectorSet>`
    : "";
  const opts = o.options
    ? `<w:OptionSet>${Object.entries(o.options)
        .map(([k, v]) => `<w:Option Name="${xmlEscape(k)}">${xmlEscape(v)}</w:Option>`)
        .join("")}</w:OptionSet>`
    : "";
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:p="${NS.p}" xmlns:rsp="${NS.rsp}">` +
    `<s:Header>` +
    `<a:To>${xmlEscape(o.to)}</a:To>` +
    `<w:ResourceURI s:mustUnderstand="true">${RESOURCE_CMD}</w:ResourceURI>` +
    `<a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>` +
    `<a:Action s:mustUnderstand="true">${o.action}</a:Action>` +
    `<w:MaxEnvelopeSize s:mustUnderstand="true">${o.maxEnvelopeSize ?? 153600}</w:MaxEnvelopeSize>` +
    `<a:MessageID>${messageId}</a:MessageID>` +
    `<w:Locale xml:lang="en-US" s:mustUnderstand="false"/>` +
    `<p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/>` +
    `<w:OperationTimeout>PT${o.operationTimeoutSec ?? 20}S</w:OperationTimeout>` +
    selector +
    opts +
    `</s:Header>` +
    `<s:Body>${o.body}</s:Body>` +
    `</s:Envelope>`
  );
}

type Common = Omit<EnvelopeOptions, "action" | "body" | "options" | "shellId">;

export function createShellEnvelope(c: Common, codePage = 65001): string {
  return buildEnvelope({
    ...c,
    action: ACTION.Create,
    options: { WINRS_NOPROFILE: "TRUE", WINRS_CODEPAGE: String(codePage) },
    body: `<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>`,
  });
}

/** Runs `command` with `args` directly (WINRS_SKIP_CMD_SHELL=TRUE: no cmd.exe in between). */
export function commandEnvelope(c: Common, shellId: string, command: string, args: readonly string[], skipCmdShell = true): string {
  return buildEnvelope({
    ...c,
    action: ACTION.Command,
    shellId,
    options: { WINRS_CONSOLEMODE_STDIN: "FALSE", WINRS_SKIP_CMD_SHELL: skipCmdShell ? "TRUE" : "FALSE" },
    body:
      `<rsp:CommandLine><rsp:Command>${xmlEscape(command)}</rsp:Command>` +
      args.map((a) => `<rsp:Arguments>${xmlEscape(a)}</rsp:Arguments>`).join("") +
      `</rsp:CommandLine>`,
  });
}

export function receiveEnvelope(c: Common, shellId: string, commandId: string): string {
  return buildEnvelope({
    ...c,
    action: ACTION.Receive,
    shellId,
    options: { WSMAN_CMDSHELL_OPTION_KEEPALIVE: "TRUE" },
    body: `<rsp:Receive><rsp:DesiredStream CommandId="${xmlEscape(commandId)}">stdout stderr</rsp:DesiredStream></rsp:Receive>`,
  });
}

export function sendEnvelope(c: Common, shellId: string, commandId: string, data: Buffer, end: boolean): string {
  return buildEnvelope({
    ...c,
    action: ACTION.Send,
    shellId,
    body:
      `<rsp:Send><rsp:Stream Name="stdin" CommandId="${xmlEscape(commandId)}"${end ? ` End="true"` : ""}>` +
      `${data.toString("base64")}</rsp:Stream></rsp:Send>`,
  });
}

export function signalEnvelope(c: Common, shellId: string, commandId: string, code = SIGNAL_TERMINATE): string {
  return buildEnvelope({
    ...c,
    action: ACTION.Signal,
    shellId,
    body: `<rsp:Signal CommandId="${xmlEscape(commandId)}"><rsp:Code>${code}</rsp:Code></rsp:Signal>`,
  });
}

export function deleteShellEnvelope(c: Common, shellId: string): string {
  return buildEnvelope({ ...c, action: ACTION.Delete, shellId, body: "" });
}

// ---------------------------------------------------------------------------------------------
// Parsing

export type XmlDocument = ReturnType<DOMParser["parseFromString"]>;
export type XmlElement = NonNullable<XmlDocument["documentElement"]>;

export class SoapParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SoapParseError";
  }
}

export function parseXml(xml: string | Buffer): XmlDocument {
  const text = typeof xml === "string" ? xml : xml.toString("utf8");
  try {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, "text/xml");
    if (!doc.documentElement) throw new SoapParseError("empty XML document");
    return doc;
  } catch (e) {
    if (e instanceof SoapParseError) throw e;
    throw new SoapParseError(`malformed XML: ${(e as Error).message.split("\n")[0]}`);
  }
}

export function first(node: XmlDocument | XmlElement, ns: string, local: string): XmlElement | undefined {
  const list = node.getElementsByTagNameNS(ns, local);
  return list.length ? (list.item(0) as XmlElement) : undefined;
}

export function all(node: XmlDocument | XmlElement, ns: string, local: string): XmlElement[] {
  const list = node.getElementsByTagNameNS(ns, local);
  const out: XmlElement[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i) as XmlElement);
  return out;
}

export function text(el: XmlElement | undefined): string | undefined {
  return el ? (el.textContent ?? "").trim() : undefined;
}

export interface SoapFault {
  code?: string;
  subcode?: string;
  reason?: string;
  /** WSManFault Code attribute, e.g. "2150858793". */
  wsmanCode?: string;
  machine?: string;
  /** WSManFault/Message text (or the Reason when there is none). */
  message: string;
}

export function parseFault(doc: XmlDocument): SoapFault | undefined {
  const fault = first(doc, NS.s, "Fault");
  if (!fault) return undefined;
  const codeEl = first(fault, NS.s, "Code");
  const subEl = codeEl ? first(codeEl, NS.s, "Subcode") : undefined;
  const code = codeEl ? text(first(codeEl, NS.s, "Value")) : undefined;
  const subcode = subEl ? text(first(subEl, NS.s, "Value")) : undefined;
  const reason = text(first(fault, NS.s, "Text"));
  const wf = first(fault, NS.f, "WSManFault");
  const wsmanMessage = wf ? text(first(wf, NS.f, "Message")) : undefined;
  return {
    code,
    subcode,
    reason,
    wsmanCode: wf?.getAttribute("Code") ?? undefined,
    machine: wf?.getAttribute("Machine") ?? undefined,
    message: (wsmanMessage || reason || subcode || code || "SOAP fault").replace(/\s+/g, " "),
  };
}

export function parseShellId(doc: XmlDocument): string {
  const sel = all(doc, NS.w, "Selector").find((e) => e.getAttribute("Name") === "ShellId");
  const id = text(sel) || text(first(doc, NS.rsp, "ShellId"));
  if (!id) throw new SoapParseError("Create response has no ShellId");
  return id;
}

export function parseCommandId(doc: XmlDocument): string {
  const id = text(first(doc, NS.rsp, "CommandId"));
  if (!id) throw new SoapParseError("Command response has no CommandId");
  return id;
}

export interface ReceivedChunk {
  stream: string;
  commandId?: string;
  data: Buffer;
  end: boolean;
}

export interface ReceiveResult {
  chunks: ReceivedChunk[];
  done: boolean;
  exitCode?: number;
}

export function parseReceive(doc: XmlDocument): ReceiveResult {
  const resp = first(doc, NS.rsp, "ReceiveResponse");
  if (!resp) throw new SoapParseError("Receive response has no ReceiveResponse");
  const chunks = all(resp, NS.rsp, "Stream").map((s) => ({
    stream: s.getAttribute("Name") ?? "",
    commandId: s.getAttribute("CommandId") ?? undefined,
    data: Buffer.from((s.textContent ?? "").replace(/\s+/g, ""), "base64"),
    end: s.getAttribute("End") === "true",
  }));
  const state = first(resp, NS.rsp, "CommandState");
  const done = state?.getAttribute("State") === STATE_DONE;
  const ec = text(state ? first(state, NS.rsp, "ExitCode") : undefined);
  return { chunks, done, exitCode: ec !== undefined && ec !== "" ? Number(ec) : undefined };
}
