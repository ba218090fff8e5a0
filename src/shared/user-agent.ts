/**
 * True in the WeCom client, public (`wxwork/`) or private deployment (`wxworklocal/`). Personal WeChat
 * (`MicroMessenger/` alone) is not WeCom. @wecom/jssdk's own `/wxwork\/([\d.]+)/` would take a client that
 * sends only `wxworklocal/` for personal WeChat (wecom-protocol.md §6), hence our own test.
 */
export function isWeComUserAgent(userAgent: string | null | undefined): boolean {
  return /wxwork(local)?\//i.test(userAgent ?? '');
}
