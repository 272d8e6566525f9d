-- Result documents of cases whose result is not a license (批文, 通知书, 证明) are issued as
-- electronic documents of one certification type; each carries its own printed title.
alter table licenses add column title text;
