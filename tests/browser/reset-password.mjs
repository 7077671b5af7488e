#!/usr/bin/env node
// Drives the server's password-reset page (/reset?token=…) in Debian's Chromium, as a person
// would: opens the mailed link, types a weak password and looks at the rules, submits it,
// then types a good one and submits it. Prints what it saw, step by step, as one JSON object.
//
//   node reset-password.mjs [--no-javascript] [--locale=TAG] URL WEAK STRONG
//
// --no-javascript runs the same steps in a context with JavaScript disabled: no live ticks
// then, and the form must still post as a plain HTML form.
// --locale=TAG sets the browser's language (navigator.language and Accept-Language, which
// the server's pages follow); fr-FR by default, as the portal's users.
//
// Exit status 0 with the JSON below on stdout; 1 with {"error": "…", "partial": {…}} on any
// failure or time-out (30 s in all, each wait with its own, shorter, time-out); 2 on a usage
// error. The test decides what is right: this script only records.
//
// {
//   "mode": "javascript" | "no-javascript",
//   "locale": "fr-FR",
//   "browser": "156.0.…",                       Chromium's version
//   "initial": { "status", "url", "title", "lang", "tokenPresent",
//                "rules": [{ "rule", "state", "text" }] },
//   "afterWeak": { "rules": […] },              after typing WEAK into #password and #confirm
//   "afterWeakSubmit": { "status", "method", "redirects", "url", "title", "formPresent",
//                        "tokenPresent",
//                        "passwordFieldsEmpty", "errors": [{ "rule", "text" }], "rules": […] },
//   "afterStrong": { "rules": […] },            after typing STRONG into both fields
//   "afterStrongSubmit": { "status", "method", "redirects", "url", "title", "formPresent",
//                          "done", "doneText", "errors": […] },
//   "consoleErrors": [{ "type": "console" | "pageerror" | "csp", "step", "text", … }]
// }
//
// Chromium is /usr/bin/chromium (or $DCC_TEST_CHROMIUM), never a browser that a tool
// downloads; each run has a fresh profile folder, removed at the end.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OVERALL_DEADLINE_MS = 30000;
const WAIT_MS = 10000;

const LAUNCH_ARGS = [
    '--no-sandbox', // tests run as root
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking', // this machine's network is closed
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors', // the server's test TLS certificate
];

const startedAt = Date.now();
const result = { mode: 'javascript', locale: 'fr-FR' };
let context = null;
let scratch = null;
const consoleErrors = [];
/// Main-frame documents that came with an error status: Chromium logs "Failed to load
/// resource" for them too, which is the recorded status, not an error of the page.
const documentsWithErrorStatus = new Set();
/// The step being recorded, named in each console error.
let step = 'initial';
let finished = false;

function usage(message) {
    process.stderr.write(`reset-password.mjs: ${message}\n` +
        'usage: node reset-password.mjs [--no-javascript] [--locale=TAG] URL WEAK STRONG\n');
    process.stdout.write(JSON.stringify({ error: message }) + '\n');
    process.exit(2);
}

/// Best effort: a Chromium that is still shutting down may write into its profile meanwhile
/// (BrowserScript gives the script a TMPDIR of its own and removes it afterwards anyway).
function removeScratch() {
    if (scratch) {
        const folder = scratch;
        scratch = null;
        try {
            fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
        } catch (error) {
            process.stderr.write(`reset-password.mjs: cannot remove ${folder}: ${error.message}\n`);
        }
    }
}

/// Prints the result (or the error with what was recorded so far), once. Writes to a pipe or
/// a file are synchronous on Linux, so nothing is lost by exiting right after; Playwright's
/// own 'exit' handler then kills what is left of Chromium's process group.
function finish(error) {
    if (finished)
        return;
    finished = true;
    let output;
    result.consoleErrors = consoleErrors;
    if (error === undefined) {
        output = result;
        process.exitCode = 0;
    } else {
        // Playwright colours its call logs: no escape codes in the JSON.
        const message = (error instanceof Error ? (error.stack || error.message) : String(error))
            .replace(/\u001b\[[0-9;]*m/g, '');
        output = { error: message, step, elapsedMs: Date.now() - startedAt, partial: result };
        process.exitCode = 1;
        process.stderr.write(`reset-password.mjs: failed at ${step}: ${message.split('\n')[0]}\n`);
    }
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
}

/// Once, whoever calls first (the steps, the deadline or a signal): the later callers, such
/// as a step failing because the browser is being closed, wait for the same exit.
let exiting = null;
function closeAndExit(error) {
    if (!exiting) {
        finish(error);
        exiting = (async () => {
            if (context) {
                // A hung browser must not hold the exit: a bounded wait, then exit (which
                // kills it).
                await Promise.race([context.close().catch(() => {}),
                    new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
            }
            removeScratch();
            process.exit(process.exitCode);
        })();
    }
    return exiting;
}

/// The time-out for one wait: WAIT_MS, or less when the overall deadline is nearer.
function waitMs() {
    const left = OVERALL_DEADLINE_MS - (Date.now() - startedAt) - 500;
    if (left <= 0)
        throw new Error(`overall deadline of ${OVERALL_DEADLINE_MS} ms reached`);
    return Math.min(WAIT_MS, left);
}

async function rules(page) {
    return page.locator('#rules li').evaluateAll((items) => items.map((li) => ({
        rule: li.dataset.rule ?? null,
        state: li.className,
        text: li.textContent.trim(),
    })));
}

async function errorItems(page) {
    return page.locator('#errors li').evaluateAll((items) => items.map((li) => ({
        rule: li.dataset.rule ?? null,
        text: li.textContent.trim(),
    })));
}

async function present(page, selector) {
    return (await page.locator(selector).count()) > 0;
}

async function tokenPresent(page) {
    const token = page.locator('#reset-form input[name="token"]');
    return (await token.count()) === 1 && (await token.inputValue({ timeout: waitMs() })) !== '';
}

/// Lets the page's own input handlers finish (they may defer their work to the next frame)
/// before the rules are read. Without JavaScript there is nothing to wait for.
async function settle(page, javaScript) {
    if (!javaScript)
        return;
    await Promise.race([
        page.evaluate(() => new Promise((resolve) =>
            requestAnimationFrame(() => setTimeout(resolve, 0)))),
        new Promise((resolve, reject) => setTimeout(
            () => reject(new Error('the page did not render a frame')), waitMs()).unref()),
    ]);
}

/// Types `text` key by key (keydown, input, keyup per character) into the field.
async function typeInto(page, selector, text) {
    const field = page.locator(selector);
    await field.click({ timeout: waitMs() });
    await field.pressSequentially(text, { timeout: waitMs() });
    const typed = await field.inputValue({ timeout: waitMs() });
    if (typed !== text)
        throw new Error(`${selector} holds ${typed.length} characters after typing ${text.length}`);
}

/// Clicks #submit and waits for the page the form posts to: its response and its load. When
/// the server answers the POST with a redirect (post/redirect/get), the status is that of the
/// page it leads to, and `redirects` lists the URLs on the way.
async function submit(page) {
    const isRedirect = (response) => response.status() >= 300 && response.status() < 400 &&
        response.headers().location !== undefined;
    const isMainNavigation = (response) => response.request().isNavigationRequest() &&
        response.frame() === page.mainFrame() && !isRedirect(response);
    const responseArrived = page.waitForResponse(isMainNavigation, { timeout: waitMs() });
    const navigated = page.waitForEvent('framenavigated',
        { predicate: (frame) => frame === page.mainFrame(), timeout: waitMs() });
    // Either wait failing first must not leave the other one's rejection unhandled.
    responseArrived.catch(() => {});
    navigated.catch(() => {});
    await page.locator('#submit').click({ timeout: waitMs() });
    const response = await responseArrived;
    await navigated;
    await page.waitForLoadState('load', { timeout: waitMs() });
    const redirects = [];
    for (let request = response.request().redirectedFrom(); request;
        request = request.redirectedFrom())
        redirects.unshift(`${request.method()} ${request.url()}`);
    return {
        status: response.status(),
        method: response.request().method(),
        redirects,
        url: page.url(),
        title: await page.title(),
    };
}

async function run(url, weak, strong, javaScript, locale) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dcc-browser-'));
    const profile = path.join(scratch, 'profile');
    const temporary = path.join(scratch, 'tmp');
    fs.mkdirSync(profile);
    fs.mkdirSync(temporary);

    context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.DCC_TEST_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: LAUNCH_ARGS,
        // Chromium's own temporary files (its singleton folder) go with the profile.
        env: { ...process.env, TMPDIR: temporary },
        javaScriptEnabled: javaScript,
        ignoreHTTPSErrors: true,
        locale,
        timeout: waitMs(),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
    });
    context.setDefaultTimeout(WAIT_MS);
    context.setDefaultNavigationTimeout(WAIT_MS);
    result.browser = context.browser()?.version() ?? null;

    // Content-Security-Policy violations as the page sees them (an init script runs before
    // the page's own, in every document; it cannot run with JavaScript disabled, when
    // Chromium's own console message about a violation is still recorded).
    await context.exposeFunction('__dccReportCspViolation', (violation) => {
        consoleErrors.push({ type: 'csp', step, ...violation });
    });
    await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
            window.__dccReportCspViolation({
                text: `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`,
                directive: event.effectiveDirective,
                blockedURI: event.blockedURI,
                sourceFile: event.sourceFile,
                line: event.lineNumber,
                sample: event.sample,
                disposition: event.disposition,
            });
        }, true);
    });

    const page = context.pages()[0] ?? await context.newPage();
    page.on('response', (response) => {
        if (response.status() >= 400 && response.request().isNavigationRequest() &&
            response.frame() === page.mainFrame())
            documentsWithErrorStatus.add(response.url());
    });
    page.on('console', (message) => {
        if (message.type() === 'error') {
            const location = message.location();
            if (message.text().startsWith('Failed to load resource:') &&
                documentsWithErrorStatus.has(location.url))
                return;
            consoleErrors.push({ type: 'console', step, text: message.text(), url: location.url,
                line: location.lineNumber });
        }
    });
    page.on('pageerror', (error) => {
        consoleErrors.push({ type: 'pageerror', step, text: error.message });
    });

    // 1. The mailed link.
    const response = await page.goto(url, { waitUntil: 'load', timeout: waitMs() });
    result.initial = {
        status: response ? response.status() : null,
        url: page.url(),
        title: await page.title(),
        lang: await page.locator('html').getAttribute('lang', { timeout: waitMs() }),
        tokenPresent: await tokenPresent(page),
        rules: await rules(page),
    };
    // The page is served whole (it must work without JavaScript): at its load event the form
    // is there or it never will be.
    if (!(await present(page, '#reset-form')))
        throw new Error(`no #reset-form on ${page.url()} (status ${result.initial.status}, ` +
                        `title "${result.initial.title}")`);

    // 2. A weak password, typed: the rules tick live (with JavaScript).
    step = 'afterWeak';
    await typeInto(page, '#password', weak);
    await typeInto(page, '#confirm', weak);
    await settle(page, javaScript);
    result.afterWeak = { rules: await rules(page) };

    // 3. Submitted anyway: the server answers with the form and the unmet rules.
    step = 'afterWeakSubmit';
    const weakSubmit = await submit(page);
    const formBack = await present(page, '#reset-form');
    result.afterWeakSubmit = {
        ...weakSubmit,
        formPresent: formBack,
        tokenPresent: formBack ? await tokenPresent(page) : false,
        passwordFieldsEmpty: formBack
            ? (await page.locator('#password').inputValue({ timeout: waitMs() })) === '' &&
              (await page.locator('#confirm').inputValue({ timeout: waitMs() })) === ''
            : null,
        errors: await errorItems(page),
        rules: await rules(page),
    };
    if (!formBack)
        throw new Error('#reset-form is gone after submitting the weak password: ' +
                        'cannot go on with the strong one');

    // 4. A good password, typed (over whatever the page left in the fields).
    step = 'afterStrong';
    for (const selector of ['#password', '#confirm'])
        await page.locator(selector).clear({ timeout: waitMs() });
    await typeInto(page, '#password', strong);
    await typeInto(page, '#confirm', strong);
    await settle(page, javaScript);
    result.afterStrong = { rules: await rules(page) };

    // 5. Submitted: the password is changed.
    step = 'afterStrongSubmit';
    const strongSubmit = await submit(page);
    const done = page.locator('#reset-done');
    const doneFound = (await done.count()) > 0;
    result.afterStrongSubmit = {
        ...strongSubmit,
        formPresent: await present(page, '#reset-form'),
        done: doneFound,
        doneText: doneFound ? (await done.first().textContent({ timeout: waitMs() })).trim() : null,
        errors: await errorItems(page),
    };
}

const argv = process.argv.slice(2);
let javaScript = true;
let locale = 'fr-FR';
while (argv.length > 0 && argv[0].startsWith('--')) {
    const option = argv.shift();
    if (option === '--no-javascript')
        javaScript = false;
    else if (/^--locale=[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(option))
        locale = option.slice('--locale='.length);
    else
        usage(`unknown option ${option}`);
}
if (argv.length !== 3)
    usage(`expected URL WEAK STRONG, got ${argv.length} argument(s)`);
const [url, weak, strong] = argv;
if (!/^https?:\/\//.test(url))
    usage(`not an http(s) URL: ${url}`);
result.mode = javaScript ? 'javascript' : 'no-javascript';
result.locale = locale;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => closeAndExit(new Error(`stopped by ${signal}`)));
process.on('exit', removeScratch);

const deadline = setTimeout(() => {
    closeAndExit(new Error(`no result within ${OVERALL_DEADLINE_MS} ms`));
}, OVERALL_DEADLINE_MS);

run(url, weak, strong, javaScript, locale).then(
    () => { clearTimeout(deadline); return closeAndExit(); },
    (error) => { clearTimeout(deadline); return closeAndExit(error); });
