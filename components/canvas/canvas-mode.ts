import { createContext } from 'react';

/** Whether the canvas is being edited: then boxes show handles to draw cables from. */
export const CanvasEditableContext = createContext(false);
