-- The printed layout of a license type (证照模板): frame colour and the title printed on the face.
alter table license_types add column template jsonb not null default '{"frameColor": "#b22222"}'::jsonb;
