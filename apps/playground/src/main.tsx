import { render } from 'preact';
import { App } from './app.js';
import { stateFromQuery } from './state.js';
import './style.css';

render(<App initial={stateFromQuery(location.search)} />, document.getElementById('app')!);
