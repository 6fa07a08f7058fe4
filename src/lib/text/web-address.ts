import ipaddr from 'ipaddr.js';

/** Whether an address is on the public internet: not private, loopback, link-local, reserved... */
export function publicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Names that never lead to the public internet: loopback (RFC 6761), mDNS, and private-use zones. */
const localNames = /(^|\.)(localhost|local|internal|home\.arpa|lan)$/i;

/**
 * What keeps a web address from being a card's page, said as the end of "The card's address ...";
 * undefined when it may be one. Judged on the address alone, without asking DNS: it must be https,
 * and name its host by a public name, not an IP address (which no reader can check for what it is,
 * and which a private network answers to) nor a local name.
 */
export function cardAddressProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a web address';
  }
  if (parsed.protocol !== 'https:') return `starts with ${parsed.protocol}; a card's page must be https:`;
  // WHATWG URL writes every IPv4 form (127.1, 0x7f.0.0.1...) as four decimals, IPv6 in brackets.
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && (host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host)))
    return publicAddress(host)
      ? `names its host by an IP address (${host}); write the site's name`
      : `is on a private, loopback or link-local network (${host}), which is never a public page`;
  if (localNames.test(host.replace(/\.$/, ''))) return `is on a local network (${host}), which is never a public page`;
  return undefined;
}
