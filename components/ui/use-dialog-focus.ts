'use client';

import { useEffect, useRef } from 'react';

/**
 * What every modal dialog does with the keyboard: its Close button takes the focus when it opens,
 * Escape closes it, and the focus goes back to where it was (the canvas, the button that opened it).
 * Returns the ref for the Close button.
 */
export function useDialogFocus(onClose: () => void) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [onClose]);
  return closeButton;
}
