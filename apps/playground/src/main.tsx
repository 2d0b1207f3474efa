import { render } from 'preact';
import { App } from './app.js';
import { stateFromQuery } from './state.js';
import './style.css';

const root = document.getElementById('app')!;
// The page's fallback notes (no scripts, opened from disk) are not the app's: start from an empty node.
root.textContent = '';
render(<App initial={stateFromQuery(location.search)} />, root);
