import { Grid, Menu, type MenuProps } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from './results.tsx';
import { SkipLink } from './site-shell.tsx';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

/** One entry of a staff area's side menu. */
export interface StaffMenuItem {
  path: string;
  label: string;
  icon?: ReactNode;
}

/** The selected entry is the longest menu path the current location starts with. */
function selectedKey(pathname: string, items: StaffMenuItem[]): string[] {
  const match = items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ? [match.path] : [];
}

/** Header band, side menu (a top menu on narrow screens), the page, footer. */
export function StaffLayout({ title, items }: { title: string; items: StaffMenuItem[] }) {
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const selected = selectedKey(pathname, items);
  const menuItems: MenuProps['items'] = items.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> }));
  return (
    <div className="site staff-site">
      <SkipLink />
      <SiteHeader areaTitle={title} />
      <div className="staff-body">
        <nav className="staff-nav" aria-label={title}>
          {wide ? (
            <Menu mode="inline" selectedKeys={selected} items={menuItems} />
          ) : (
            // On a phone a plain row of links that scrolls sideways: antd's horizontal menu hides the
            // overflow behind "…" with aria-hidden yet focusable items, which screen readers trip on.
            <ul className="staff-nav-row">
              {items.map((i) => (
                <li key={i.path}>
                  <Link to={i.path} aria-current={selected.includes(i.path) ? 'page' : undefined}>
                    {i.icon}
                    <span>{i.label}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <main id="main" tabIndex={-1} className="staff-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
