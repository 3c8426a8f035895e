import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { MessageKey } from '@clave/domain';

/** What decides which webhook URLs are acceptable (from WEBHOOK_ALLOW_HTTP / _PRIVATE_NETWORKS). */
export interface WebhookUrlPolicy {
  readonly allowHttp: boolean;
  readonly allowPrivateNetworks: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Addresses a webhook must not reach unless private networks are allowed: loopback, private,
 * carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), unspecified, multicast,
 * reserved, and their IPv6 counterparts (IPv4-mapped IPv6 addresses are checked as IPv4).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 and 6to4 embed IPv4 addresses, private ones included.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is one webhooks may not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  const hexMapped = address.toLowerCase().match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hexMapped?.[1] && hexMapped[2]) {
    const high = Number.parseInt(hexMapped[1], 16);
    const low = Number.parseInt(hexMapped[2], 16);
    return blocked.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

/** The host of a parsed URL as an IP literal (without IPv6 brackets), or null for a name. */
function ipLiteral(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

/**
 * Why `raw` cannot be a webhook URL under `policy` (a message key), or null when it can. Names
 * are checked again when the worker connects (see `guardedLookup`), since a name may resolve to a
 * private address later.
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): MessageKey | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return 'webhookUrlInvalid';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhookUrlInvalid';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return 'webhookUrlInvalid';
  if (url.protocol === 'http:' && !policy.allowHttp) return 'webhookUrlHttpsRequired';
  if (url.username || url.password) return 'webhookUrlCredentials';
  if (policy.allowPrivateNetworks) return null;
  const literal = ipLiteral(url);
  if (literal) return isPrivateAddress(literal) ? 'webhookUrlPrivateNetwork' : null;
  const name = url.hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'webhookUrlPrivateNetwork';
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the HTTP client that refuses private addresses at connection time, so a name
 * that resolves (or is re-pointed) to an internal address cannot be used to reach it.
 */
export function guardedLookup(policy: WebhookUrlPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, options.all ? [] : '', 0);
        return;
      }
      const usable = policy.allowPrivateNetworks
        ? addresses
        : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) {
        const refused: NodeJS.ErrnoException = new Error(
          `${hostname} resolves only to loopback, private or link-local addresses`,
        );
        refused.code = 'EPRIVATEADDRESS';
        callback(refused, options.all ? [] : '', 0);
        return;
      }
      if (options.all) callback(null, usable);
      else callback(null, usable[0]?.address ?? '', usable[0]?.family ?? 4);
    });
  };
}
