"""tracepoint_symbols reads the value names of __print_symbolic tables in a print format:
nested calls, sums as values, quoted commas and parentheses."""

from tracekit.tools.tracepoint_symbols import parse_symbol_tables

# Shaped like kvm:kvm_exit's and migrate:mm_migrate_pages' print formats.
FORMAT = ('"vcpu %u reason %s%s rip 0x%lx", REC->vcpu_id, (REC->isa == 1) ? '
          '__print_symbolic(REC->exit_reason & 0xffff, { 0, "EXCEPTION_NMI" }, { 12, "HLT" }) : '
          '__print_symbolic(REC->exit_reason, { 0x040 + 14, "PF excp" }, { 0x078, "hlt" }, { -1, "invalid, (odd)" }), '
          'REC->guest_rip, __print_symbolic(REC->reason, {5, "numa_misplaced"})')


def test_reads_each_table_with_its_field():
    tables = parse_symbol_tables(FORMAT)
    assert [expr for expr, _ in tables] == ["REC->exit_reason & 0xffff", "REC->exit_reason", "REC->reason"]
    assert tables[0][1] == {0: "EXCEPTION_NMI", 12: "HLT"}
    assert tables[1][1] == {0x4e: "PF excp", 0x78: "hlt", 0xffffffff: "invalid, (odd)"}
    assert tables[2][1] == {5: "numa_misplaced"}


def test_no_tables():
    assert parse_symbol_tables('"pid=%d", REC->pid') == [] and parse_symbol_tables("") == []
