#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check spec/xfrm_migstate.yaml against the kernel's netlink schema and ynl.

Usage: spec_check.py KSRC    (a Linux 7.2 source tree: Documentation/netlink,
                              tools/net/ynl/pyynl)
Validates the spec with jsonschema, loads it with ynl's own spec parser,
checks the struct sizes, the attribute and command numbers against the
uapi headers, and that ynl encodes the fixed header into the same 132
bytes as the C library's golden test (tests/test_encode.c).
"""
import os
import re
import sys

import jsonschema
import yaml

top = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
ksrc = sys.argv[1]
schema_path = os.path.join(ksrc, 'Documentation/netlink/genetlink-legacy.yaml')
spec_path = os.path.join(top, 'spec/xfrm_migstate.yaml')
sys.path.insert(0, os.path.join(ksrc, 'tools/net/ynl/pyynl'))
from lib import ynl  # noqa: E402
from lib.nlspec import SpecFamily  # noqa: E402

failed = 0


def check(cond, what):
    global failed
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failed += 1


jsonschema.validate(yaml.safe_load(open(spec_path)), yaml.safe_load(open(schema_path)))
check(True, 'schema genetlink-legacy')

fam = ynl.YnlFamily.__new__(ynl.YnlFamily)
SpecFamily.__init__(fam, spec_path, schema_path)
sizes = {'xfrm-user-migrate-state': 132, 'xfrm-usersa-id': 24, 'xfrm-selector': 56,
         'xfrm-encap-tmpl': 24, 'xfrm-user-offload': 8, 'xfrm-mark': 8}
for name, size in sizes.items():
    check(fam.struct_size(name) == size, f'sizeof {name} == {size}')

compat = open(os.path.join(top, 'include/uapi/linux/xfrm_migrate_state_compat.h')).read()
nums = {m.group(1).lower().replace('_', '-'): int(m.group(2)) for m in
        re.finditer(r'#define XFRM_MIGSTATE_XFRMA_(\w+)\s+(\d+)', compat)}
for attr in fam.attr_sets['xfrm-attrs'].attrs.values():
    check(nums.get(attr.name) == attr.value, f'XFRMA_{attr.name} == {attr.value}')
check(fam.msgs['migrate-state'].value == 1, 'cmd migrate-state == 1')
check(fam.msgs['get-info'].value == 2, 'cmd get-info == 2')
check(fam.msgs['migrate-state-ntf'].value == 1 and 'migrate-state-ntf' in fam.ntfs and
      'migrate-state' in fam.ops, 'notification migrate-state-ntf == 1, migrate-state callable')
uapi = open(os.path.join(top, 'include/uapi/linux/xfrm_migstate.h')).read()
body = uapi[uapi.index('enum xfrm_migstate_info_attr'):]
names = re.findall(r'XFRM_MIGSTATE_INFO_(\w+),', body)[1:]
for i, attr in enumerate(fam.attr_sets['info'].attrs.values()):
    check(attr.value == i + 1 and names[i].lower().replace('_', '-') == attr.name,
          f'info {attr.name} == {i + 1}')

# ynl merges the fixed header's members and the attributes of a message
# into one dictionary: a shared name would hide one of them.
hdr = {m.name for m in fam.consts['xfrm-user-migrate-state'].members}
for op in fam.msgs.values():
    clash = hdr & set(fam.attr_sets[op.yaml['attribute-set']].attrs)
    check(not clash, f'{op.name}: no attribute named like a header member {sorted(clash)}')

golden = bytes.fromhex(
    '0a010203000000000000000000000000' '11223344' '0200' '32' '00'
    '0a090909000000000000000000000000' '0a080808000000000000000000000000'
    '05000000ff000000'
    'c0a80100000000000000000000000000' 'c0a80200000000000000000000000000'
    '01bbffff00000000' '0200' '18' '17' '06' '000000' '07000000' '00000000'
    '04030201' '02000000' '0a00' '0000')
z = '00' * 12
enc = fam._encode_struct('xfrm-user-migrate-state', {
    'id': {'daddr': '0a010203' + z, 'spi': 0x11223344, 'family': 2, 'proto': 50},
    'new-daddr': '0a090909' + z, 'new-saddr': '0a080808' + z,
    'old-mark': {'v': 5, 'm': 0xff},
    'new-sel': {'daddr': 'c0a80100' + z, 'saddr': 'c0a80200' + z, 'dport': 443,
                'dport-mask': 0xffff, 'family': 2, 'prefixlen-d': 24,
                'prefixlen-s': 23, 'proto': 6, 'ifindex': 7},
    'new-reqid': 0x01020304, 'flags': 2, 'new-family': 10})
check(enc == golden, 'ynl fixed header == C golden bytes')

print(f'SUMMARY: spec {"FAIL" if failed else "PASS"} ({failed} failed)')
sys.exit(1 if failed else 0)
