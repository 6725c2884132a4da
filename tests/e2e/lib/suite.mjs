// The real server and Chromium for one test file: started before its first
// test and stopped after its last, so every file gets a fresh database.
//
//   const running = useServerAndBrowser();
//   test('...', async () => {
//     const ctx = await open(running.browser, {name: 'survey'});
//     await ctx.page.goto(`${running.server.url}/`);
//   });
import {before, after} from 'node:test';
import {startServer} from './server.mjs';
import {launch} from './browser.mjs';

// `serverOptions` go to startServer (e.g. `prepare` to load data first).
export function useServerAndBrowser(serverOptions) {
  const running = {server: undefined, browser: undefined};
  before(async () => {
    running.server = await startServer(serverOptions);
    running.browser = await launch();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}
