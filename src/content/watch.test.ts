// @vitest-environment jsdom
import { watchPage } from './watch';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('watchPage', () => {
  it('looks once at the start, then once per burst of DOM changes or history moves', async () => {
    const onChange = vi.fn();
    const stop = watchPage(window, onChange);
    await tick();
    expect(onChange).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) document.body.append(document.createElement('div'));
    await tick();
    expect(onChange).toHaveBeenCalledTimes(2);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick();
    expect(onChange).toHaveBeenCalledTimes(3);
    stop();
    document.body.append(document.createElement('div'));
    await tick();
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it("does not see changes inside a shadow root, so the entry's own updates cost nothing", async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    const onChange = vi.fn();
    const stop = watchPage(window, onChange);
    await tick();
    onChange.mockClear();
    root.append(document.createElement('p'));
    await tick();
    expect(onChange).not.toHaveBeenCalled();
    stop();
  });
});
