/**
 * A table wider than the screen scrolls inside its own region; the region takes keyboard focus
 * (arrow keys scroll it) and is named for screen readers.
 */
import type { Child, FC } from 'hono/jsx';

export const ScrollTable: FC<{ label: string; children?: Child }> = ({ label, children }) => (
  <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
    {children}
  </div>
);
