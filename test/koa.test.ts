import koa2 from 'koa2';
import koa3 from 'koa3';
import { runConformanceSuite } from './conformance.js';
import { asListener, createKoaApp } from './support/koa-app.js';

runConformanceSuite({
  name: 'koa@2',
  throwStyles: ['sync', 'async'],
  falsyThrowIsNoError: () => false,
  createApp: (options) => asListener(createKoaApp(koa2, options)),
});

runConformanceSuite({
  name: 'koa@3',
  throwStyles: ['sync', 'async'],
  falsyThrowIsNoError: () => false,
  createApp: (options) => asListener(createKoaApp(koa3, options)),
});
