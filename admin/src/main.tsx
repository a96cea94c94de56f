import { render } from 'preact';
import { App } from './app.tsx';
import { direction, language } from './i18n.ts';
import './admin.css';

document.documentElement.lang = language;
document.documentElement.dir = direction;
const root = document.getElementById('app');
if (root) render(<App />, root);
