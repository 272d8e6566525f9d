-- How a warning ended: cleared by the scan (the condition no longer holds) or handled by a supervisor
-- (核实处理, with a note) — a handled warning is not raised again for the same case and point.
alter table warnings add column resolution text check (resolution in ('cleared', 'handled'));
alter table warnings add column resolved_by uuid references accounts (id);
alter table warnings add column resolution_note text;
