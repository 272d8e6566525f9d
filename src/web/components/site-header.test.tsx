// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDomStubs, renderApp, resetDom, stubFetch } from '../test/render.tsx';
import { SiteHeader } from './site-header.tsx';

describe('site header preferences', () => {
  beforeEach(() => {
    installDomStubs();
    stubFetch();
  });
  afterEach(resetDom);

  it('elderly mode enlarges the root font, marks <html> and is remembered', () => {
    renderApp(<SiteHeader />);
    const html = document.documentElement;
    const toggle = screen.getByRole('button', { name: '长者模式' });
    expect(html.classList.contains('elderly')).toBe(false);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(toggle);

    expect(html.classList.contains('elderly')).toBe(true);
    expect(html.style.fontSize).toBe('18px');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(window.localStorage.getItem('tongban.prefs') ?? '{}')).toMatchObject({ elderly: true });

    fireEvent.click(toggle);
    expect(html.classList.contains('elderly')).toBe(false);
    expect(html.style.fontSize).toBe('');
  });

  it('switching to English changes the page language and the text', () => {
    renderApp(<SiteHeader />);
    expect(document.documentElement.lang).toBe('zh-CN');
    fireEvent.click(screen.getByRole('button', { name: /English/ }));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'Senior mode' })).toBeTruthy();
    expect(screen.getByText('Nanping Government Services')).toBeTruthy();
  });
});
