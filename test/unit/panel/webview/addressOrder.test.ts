import * as assert from 'node:assert/strict';
import { addressSortKey } from '../../../../src/panel/webview/addressOrder';

const byAddress = (texts: string[]) => [...texts].sort((a, b) => (addressSortKey(a) < addressSortKey(b) ? -1 : addressSortKey(a) > addressSortKey(b) ? 1 : 0));

describe('IP addresses in the order of their numbers', () => {
  it('puts IPv4 addresses in numeric order, where text order would not', () => {
    assert.deepEqual(byAddress(['10.0.0.10', '9.255.0.1', '10.0.0.9', '192.168.1.2', '10.0.0.100']), ['9.255.0.1', '10.0.0.9', '10.0.0.10', '10.0.0.100', '192.168.1.2']);
  });

  it('puts IPv6 after IPv4, in numeric order, with :: and a trailing IPv4 read as their groups', () => {
    assert.deepEqual(byAddress(['2001:db8::10', '::ffff:192.0.2.1', '2001:db8::9', '203.0.113.7', 'fe80::1', '2001:DB8:0:0:0:0:0:A']), [
      '203.0.113.7', '::ffff:192.0.2.1', '2001:db8::9', '2001:DB8:0:0:0:0:0:A', '2001:db8::10', 'fe80::1',
    ]);
    assert.equal(addressSortKey('::ffff:192.0.2.1'), addressSortKey('::ffff:c000:201'));
  });

  it('puts what is not an address last, by its text', () => {
    assert.deepEqual(byAddress(['', 'unknown', '10.0.0.1', '300.1.1.1', '1:2:3', '2001:db8::1']), ['10.0.0.1', '2001:db8::1', '', '1:2:3', '300.1.1.1', 'unknown']);
  });
});
