import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captionsVtt, testVideo } from '../../helpers/video.ts';
import { png } from '../helpers.ts';
import { ada, bob, carl, config, grace, postPath, postText, Scenario } from './scenario.ts';

/**
 * The whole of a post must have been reviewed (decide.ts, rules 1-3): every change on main since it
 * was created came through an approved pull request that built on reviewed content, and so did its
 * images and the settings that decide where it goes and who approves it. Real git, the fake GitHub.
 */

const short = (sha: string) => sha.slice(0, 7);
const body = 'The annual meeting starts at 18:30 in the main hall.';
const pushedBody = 'The annual meeting starts at 18:30 in the main hall. Donations to IBAN XX00 1234, thank you!';
const imagePath = 'content/posts/2026/12/hall.png';
const withImage = (text = body) =>
  postText(text, 'media:\n  - src: ./hall.png\n    alt: The main hall, set for the meeting.\n    rights: owned\n');

let scenario: Scenario;
async function start(heraldYaml?: string) {
  scenario = await Scenario.start(undefined, heraldYaml);
  return scenario;
}
afterEach(async () => {
  await scenario?.stop();
});

describe('a post is cleared only when all of it was reviewed', () => {
  it.each(['merge commit', 'squash', 'rebase'] as const)(
    'a reviewed title edit (%s) does not clear a body pushed straight to main',
    async (style) => {
      const how = style === 'merge commit' ? 'merge' : style;
      const s = await start();
      s.land('agm', bob, { [postPath]: postText(body) });
      const pushed = s.pushToMain(bob, postPath, postText(pushedBody));
      const { pull } = s.land(
        'title',
        bob,
        { [postPath]: postText(pushedBody).replace('title: The annual meeting', 'title: AGM') },
        ['grace'],
        how,
      );
      const decision = await s.decide();
      expect(decision).toEqual({
        cleared: false,
        reason: `main changed ${postPath} in ${short(pushed)}, which no merged pull request brought in. Pull request #${pull} changed it later but showed its reviewers only its own changes, so nobody reviewed all of it. Remove the file in one pull request and add it back in another, so its reviewers see every line.`,
      });
    },
  );

  it('a rebase merge whose net change leaves the post as it was does not clear it', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body) });
    const pushed = s.pushToMain(bob, postPath, postText(pushedBody));
    s.repo.branch('noop', 'main');
    s.push('noop', bob, postPath, postText(pushedBody).replace('18:30', '18:45'));
    s.push('noop', bob, postPath, postText(pushedBody));
    const pull = s.github.openPull('noop', 'bob');
    s.github.review(pull, 'grace', 'APPROVED');
    s.rebaseMerge(pull, 'noop');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `main changed ${postPath} in ${short(pushed)}, which no merged pull request brought in.`,
    );
  });

  it('a post created by a direct push is not cleared by a reviewed edit, and says to propose it afresh', async () => {
    const s = await start();
    const pushed = s.pushToMain(bob, postPath, postText(pushedBody));
    expect((await s.decide()).reason).toBe(
      `main last changed ${postPath} in ${short(pushed)}, which no merged pull request brought in. A direct push is never cleared: remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`,
    );
    s.land('edit', bob, { [postPath]: postText(pushedBody.replace('thank you', 'thanks')) }, ['grace']);
    expect((await s.decide()).reason).toContain(
      `main changed ${postPath} in ${short(pushed)}, which no merged pull request brought in. Pull request #1 changed it later`,
    );
  });

  it('clears a post whose every change came through a reviewed pull request, whatever the merge', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body) }, ['ada'], 'squash');
    s.land('time', bob, { [postPath]: postText(body.replace('18:30', '18:45')) }, ['grace'], 'rebase');
    const { pull, head } = s.land(
      'hall',
      carl,
      { [postPath]: postText(body.replace('main hall', 'small hall')) },
      ['ada'],
      'merge',
    );
    expect(await s.decide()).toEqual({
      cleared: true,
      reason: `Approved by ada at ${short(head)}, the content that was merged (pull request #${pull}).`,
    });
  });

  it('clears it again once it is removed in one reviewed pull request and added back in another', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body) });
    s.pushToMain(bob, postPath, postText(pushedBody));
    s.land('title', bob, { [postPath]: postText(pushedBody).replace('title: The annual meeting', 'title: AGM') }, [
      'grace',
    ]);
    s.land('remove', bob, { [postPath]: null }, ['grace']);
    const { pull } = s.land('again', bob, { [postPath]: postText(body) }, ['grace']);
    expect(await s.decide()).toMatchObject({ cleared: true, reason: expect.stringContaining(`pull request #${pull}`) });
  });

  it('a reviewed revert of the direct push brings back the reviewed version, and the change can then be proposed', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body) });
    const pushed = s.pushToMain(bob, postPath, postText(pushedBody));
    expect((await s.decide()).reason).toBe(
      `main last changed ${postPath} in ${short(pushed)}, which no merged pull request brought in. A direct push is never cleared: revert ${short(pushed)} in a pull request (git revert ${short(pushed)}), which brings back the reviewed version, then propose the change in a pull request of its own and have it reviewed.`,
    );
    s.repo.branch('revert', 'main');
    s.repo.git('revert', '--no-edit', pushed);
    s.github.pushed('revert', 'bob', null);
    const revert = s.github.openPull('revert', 'bob');
    s.github.review(revert, 'grace', 'APPROVED');
    s.mergeCommit(revert, 'revert');
    expect(await s.decide()).toMatchObject({ cleared: true });
    s.land('donations', bob, { [postPath]: postText(pushedBody) }, ['grace']);
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('a pull request that started from an unreviewed version is not cleared after the file was removed and it brought it back', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body) });
    const pushed = s.pushToMain(bob, postPath, postText(pushedBody));
    s.repo.branch('late', 'main');
    s.push('late', carl, postPath, postText(pushedBody).replace('title: The annual meeting', 'title: AGM'));
    const late = s.github.openPull('late', 'carl');
    s.land('remove', bob, { [postPath]: null }, ['grace']);
    // carl brings the branch up to date, keeping the file the other side removed.
    s.repo.checkout('late');
    try {
      s.repo.git('merge', '--no-edit', 'main');
    } catch {
      s.repo.git('add', postPath);
      s.repo.git('-c', 'core.editor=true', 'commit', '--no-edit');
    }
    s.github.pushed('late', 'carl', null);
    s.github.review(late, 'ada', 'APPROVED');
    s.mergeCommit(late, 'late');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `main changed ${postPath} in ${short(pushed)}, which no merged pull request brought in.`,
    );
  });

  it('a post renamed in a reviewed pull request keeps its review', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body, 'id: agm\n') });
    const moved = 'content/posts/2026/12/annual-meeting.mdx';
    s.repo.branch('move', 'main');
    s.repo.git('mv', postPath, moved);
    s.repo.commit(bob, 'Move the post');
    s.github.pushed('move', 'bob', null);
    const pull = s.github.openPull('move', 'bob');
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'move');
    expect(await s.decide(['mastodon'], s.env(), s.repo.dir, moved)).toMatchObject({ cleared: true });
  });

  it('a post pushed straight to main and then renamed with a small edit in a reviewed pull request is not cleared', async () => {
    const s = await start();
    const pushed = s.pushToMain(bob, postPath, postText(pushedBody, 'id: agm\n'));
    const moved = 'content/posts/2026/12/annual-meeting.mdx';
    s.land(
      'move',
      bob,
      {
        [postPath]: null,
        [moved]: postText(pushedBody, 'id: agm\n').replace('title: The annual meeting', 'title: AGM'),
      },
      ['grace'],
    );
    const decision = await s.decide(['mastodon'], s.env(), s.repo.dir, moved);
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(`in ${short(pushed)}, which no merged pull request brought in`);
  });

  it('an approval given in another pull request, or on a commit force-pushed away, does not count', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    // The branch is rewritten with the same text: the approved commit is no longer part of the pull request.
    s.repo.git('reset', '--hard', 'main');
    s.repo.write(postPath, postText());
    s.repo.commit(bob, 'Propose a post, rebased');
    s.github.pushed('agm', 'bob', commit, 'force_push');
    s.github.review(pull, 'ada', 'APPROVED', commit);
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `approved at ${short(commit)} by ada, a commit that is not part of the pull request`,
    );
  });
});

describe('videos and captions', () => {
  const videoPath = 'content/posts/2026/12/tour.mp4';
  const captionsPath = 'content/posts/2026/12/tour.vtt';
  const withVideo = () =>
    postText(
      body,
      'media:\n  - src: ./tour.mp4\n    alt: A walk along the river path.\n    rights: owned\n    captions: ./tour.vtt\n',
    );

  it.each([
    ['the video', videoPath, () => Buffer.from(testVideo('clip-hevc'))],
    ['the captions', captionsPath, () => `${captionsVtt}\n00:05.000 --> 00:08.000\nDonations to IBAN XX00 1234.\n`],
  ])('%s replaced by a direct push after the approval holds the post, naming the file', async (noun, path, edit) => {
    const s = await start();
    s.land('agm', bob, {
      [postPath]: withVideo(),
      [videoPath]: Buffer.from(testVideo('clip-40s')),
      [captionsPath]: captionsVtt,
    });
    expect(await s.decide()).toMatchObject({ cleared: true });
    const pushed = s.pushToMain(bob, path, edit());
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(`main last changed ${noun} ${path} in ${short(pushed)}`);
  });
});

describe('images', () => {
  it('an image replaced by a direct push after its approval holds the post, naming the image and the commit', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: withImage(), [imagePath]: Buffer.from(png(4, 3)) });
    expect(await s.decide()).toMatchObject({ cleared: true });
    const pushed = s.pushToMain(bob, imagePath, Buffer.from(png(8, 6)));
    expect(await s.decide()).toEqual({
      cleared: false,
      reason: `main last changed the image ${imagePath} in ${short(pushed)}, which no merged pull request brought in. A direct push is never cleared: revert ${short(pushed)} in a pull request (git revert ${short(pushed)}), which brings back the reviewed version, then propose the change in a pull request of its own and have it reviewed.`,
    });
  });

  it('an image approved by someone who may not approve posts holds the post', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: withImage() }, ['ada']);
    s.land('photo', bob, { [imagePath]: Buffer.from(png(4, 3)) }, ['carl']);
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `the image ${imagePath}: pull request #2 needs 1 approval of the merged content from ada, grace or riverside/social-team for herald.yaml, and has none. Not counted: carl is not an allowed reviewer`,
    );
  });

  it('the run gets the reviewed bytes from git, whatever the work tree holds', async () => {
    const s = await start();
    const reviewed = Buffer.from(png(4, 3));
    s.land('agm', bob, { [postPath]: withImage(), [imagePath]: reviewed });
    s.repo.write(imagePath, Buffer.from(png(9, 9)));
    const { gate, post, project } = await s.gate();
    expect(await gate.decide(post, [project.channels['mastodon']!])).toMatchObject({ cleared: true });
    expect(Buffer.from(await gate.reviewedBytes!(imagePath)).equals(reviewed)).toBe(true);
    await expect(gate.reviewedBytes!('content/posts/2026/12/other.png')).rejects.toThrow('was not cleared');
  });

  it('an image that is a symbolic link is never cleared, even when approved', async () => {
    const s = await start();
    s.repo.branch('agm', 'main').write(postPath, withImage());
    symlinkSync('../../../../README.md', join(s.repo.dir, imagePath));
    s.repo.commit(bob, 'Propose a post with a linked image');
    s.github.pushed('agm', 'bob', null);
    const pull = s.github.openPull('agm', 'bob');
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision).toEqual({
      cleared: false,
      reason: `the image ${imagePath} is a symbolic link on the default branch. Herald sends only files stored in the repository as they are: commit the image itself.`,
    });
  });

  it('an image kept in Git LFS is refused: the repository holds a pointer, not what reviewers saw', async () => {
    const s = await start();
    const pointer =
      'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
    s.land('agm', bob, { [postPath]: withImage(), [imagePath]: pointer });
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(`the image ${imagePath} is stored with Git LFS`);
  });

  it('an image outside content/ is refused', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: withImage(), [imagePath]: Buffer.from(png()) });
    const { gate, post, project } = await s.gate();
    const outside = { ...post, media: [{ ...post.media[0]!, file: 'README.md' }] };
    expect(await gate.decide(outside, [project.channels['mastodon']!])).toEqual({
      cleared: false,
      reason: 'the image README.md is outside content/. Herald sends only images kept in content/, next to their post.',
    });
  });
});

describe('the settings that decide where a post goes and who approves it', () => {
  it('a direct push that points a channel at another server holds the posts going there, and only those', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    const pushed = s.pushToMain(
      bob,
      'content/herald.yaml',
      config().replace('https://mastodon.social', 'https://mastodon.attacker.example'),
    );
    expect(await s.decide(['mastodon'])).toEqual({
      cleared: false,
      reason: `main last changed the channel mastodon in content/herald.yaml in ${short(pushed)}, which no merged pull request brought in. A direct push is never cleared: revert ${short(pushed)} in a pull request (git revert ${short(pushed)}), which brings back the reviewed version, then propose the change in a pull request of its own and have it reviewed.`,
    });
    expect(await s.decide(['bluesky'])).toMatchObject({ cleared: true });
  });

  it('a reviewed change of a channel needs the approval of the post reviewers, not just anyone', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    const { pull } = s.land(
      'server',
      bob,
      { 'content/herald.yaml': config().replace('https://mastodon.social', 'https://social.riverside.example') },
      ['carl'],
    );
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `the channel mastodon in content/herald.yaml: pull request #${pull} needs 1 approval of the channel mastodon in content/herald.yaml as merged from ada, grace or riverside/social-team for herald.yaml, and has none. Not counted: carl is not an allowed reviewer for herald.yaml`,
    );
    s.github.review(pull, 'grace', 'APPROVED', s.repo.head('server'));
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('relaxing the rules needs the approvals the old rules asked for', async () => {
    const strict = config('approvals:\n  required: 2\n  reviewers: [ada, grace, dana]\n');
    const s = await start(strict);
    s.land('agm', bob, { [postPath]: postText() }, ['ada', 'grace']);
    s.land('relax', bob, { 'content/herald.yaml': strict.replace('required: 2', 'required: 1') }, ['dana']);
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toMatch(
      /^approvals in content\/herald\.yaml: pull request #2 needs 2 approvals of approvals in content\/herald\.yaml as merged from ada, grace or dana for herald\.yaml as it was before, and has 1 \(dana\)\./,
    );
  });

  it('reviewers who have all left do not lock the rules: their successors may change them', async () => {
    const only = config('approvals:\n  required: 1\n  reviewers: [ada]\n');
    const s = await start(only);
    s.github.permissions['ada'] = 'read';
    s.land('successor', bob, { 'content/herald.yaml': only.replace('reviewers: [ada]', 'reviewers: [grace]') }, [
      'grace',
    ]);
    s.land('agm', bob, { [postPath]: postText() }, ['grace']);
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('settings that decide nothing about a delivery may change without a review', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    s.pushToMain(
      bob,
      'content/herald.yaml',
      `${config()}publishing:\n  window: PT3H\ncalendar:\n  maxPerDayPerChannel: 4\nsite: https://riverside.github.io/social/\n`,
    );
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('a time zone changed by a direct push holds every post; a reviewed change of it clears them', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    const pushed = s.pushToMain(bob, 'content/herald.yaml', config().replace('Europe/Warsaw', 'Europe/Lisbon'));
    expect((await s.decide()).reason).toContain(
      `main last changed timezone in content/herald.yaml in ${short(pushed)}`,
    );
    s.land('zone', bob, { 'content/herald.yaml': config().replace('Europe/Warsaw', 'Europe/Berlin') }, ['grace']);
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('a locale changed by a direct push holds a post that takes its language from it, and not one with its own lang', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    const pushed = s.pushToMain(bob, 'content/herald.yaml', `${config()}locale: pl\n`);
    expect((await s.decide()).reason).toContain(`main last changed locale in content/herald.yaml in ${short(pushed)}`);
    s.land('lang', bob, { [postPath]: postText().replace('channels:', 'lang: en-GB\nchannels:') }, ['grace']);
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('a channel added by a reviewed pull request is reviewed whole', async () => {
    const s = await start();
    const withFrench = config().replace(
      '  - id: x\n',
      '  - id: mastodon-fr\n    network: mastodon\n    instance: https://mastodon.fr\n  - id: x\n',
    );
    s.land('fr', bob, { 'content/herald.yaml': withFrench }, ['grace']);
    s.land('agm', bob, {
      [postPath]: postText().replace('channels: [mastodon, bluesky, x]', 'channels: [mastodon-fr]'),
    });
    expect(await s.decide(['mastodon-fr'])).toMatchObject({ cleared: true });
  });

  it('a direct push that moves defaultBranch to a branch without protection clears nothing merged there', async () => {
    const s = await start();
    // A post ada approved but the team never merged: its pull request is merged into an unprotected
    // branch instead, which a direct push to main then names as the default branch.
    s.repo.branch('release', 'main').write('content/herald.yaml', `${config()}defaultBranch: release\n`);
    const moved = s.repo.commit(bob, 'Publish from release');
    s.repo.branch('agm', 'release').write(postPath, postText());
    s.repo.commit(bob, 'Propose a post');
    s.github.pushed('agm', 'bob', null);
    const pull = s.github.openPull('agm', 'bob', 'A post', 'release');
    s.github.review(pull, 'ada', 'APPROVED');
    s.github.merged(pull, s.repo.mergeCommit('agm', grace, 'release'), 'grace');
    s.repo.checkout('main').git('merge', '--quiet', '--ff-only', 'release');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toBe(
      `release last changed defaultBranch in content/herald.yaml in ${short(moved)}, which no merged pull request brought in. A direct push is never cleared: remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`,
    );
  });

  it('herald.yaml edited in the checkout but not committed is not what was reviewed', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() });
    s.repo.write(
      'content/herald.yaml',
      config().replace('https://mastodon.social', 'https://mastodon.attacker.example'),
    );
    expect((await s.decide()).reason).toBe(
      'the channel mastodon in content/herald.yaml here differs from main (uncommitted changes, or another branch is checked out): only what is merged into main can be cleared.',
    );
  });
});

describe('who counts, at the time of the decision', () => {
  it('a reviewer who lost write access no longer counts', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText() }, ['ada']);
    expect(await s.decide()).toMatchObject({ cleared: true });
    s.github.permissions['ada'] = 'read';
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('Not counted: ada has no write access to the repository;');
  });

  it('a member of an allowed team counts without write access of their own', async () => {
    const s = await start();
    s.github.teamsToken = 'github_pat_teams';
    s.github.teams = { 'riverside/social-team': ['dana'] };
    s.github.permissions['dana'] = 'read';
    s.land('agm', bob, { [postPath]: postText() }, ['dana']);
    expect(await s.decide(['mastodon'], s.env({ HERALD_TEAMS_TOKEN: 'github_pat_teams' }))).toMatchObject({
      cleared: true,
    });
  });

  it('someone who pushed a commit to the pull request is one of its authors, whatever file it changed', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.push('agm', grace, 'README.md', '# Riverside social, with notes\n');
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm', ada);
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain("Not counted: grace wrote this post, and an author's approval never counts");
  });

  it("a commit's metadata naming someone else does not make its pusher a reviewer", async () => {
    const s = await start();
    const { pull } = s.propose('agm', carl);
    // grace writes ada's name and address as author and committer of her commit, then approves.
    s.push('agm', grace, postPath, postText(pushedBody), ada);
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm', bob);
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain("grace wrote this post, and an author's approval never counts");
  });

  it('an approval by a bot or an app never counts', async () => {
    const open = config('approvals:\n  required: 1\n');
    const s = await start(open);
    s.github.permissions['github-actions[bot]'] = 'write';
    s.land('agm', bob, { [postPath]: postText() }, ['github-actions[bot]']);
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('Not counted: github-actions[bot] is a bot or app, and only people approve.');
  });
});

describe('what an attacker tries', () => {
  it('a checkout with other line endings is still the reviewed post; one that .gitattributes rewrites otherwise is not', async () => {
    const s = await start();
    s.land('agm', bob, { [postPath]: postText(body), '.gitattributes': '*.mdx text eol=crlf\n' });
    s.repo.remove(postPath).git('checkout', '--', postPath);
    expect(readFileSync(join(s.repo.dir, postPath), 'utf8')).toContain('\r\n');
    expect(await s.decide()).toMatchObject({ cleared: true });
    s.land('ident', bob, { [postPath]: postText(`${body} $Id$`), '.gitattributes': '*.mdx ident\n' });
    s.repo.remove(postPath).git('checkout', '--', postPath);
    expect((await s.decide()).reason).toContain(
      `${postPath} here differs from main (uncommitted changes, another branch checked out, or a conversion by .gitattributes)`,
    );
  });

  it('a pull request merged into another branch does not clear what that branch later brings to main', async () => {
    const s = await start();
    s.repo.branch('release', 'main');
    s.repo.branch('agm', 'release').write(postPath, postText());
    s.repo.commit(bob, 'Propose a post for the release');
    s.github.pushed('agm', 'bob', null);
    const pull = s.github.openPull('agm', 'bob', 'For the release', 'release');
    s.github.review(pull, 'ada', 'APPROVED');
    const merge = s.repo.mergeCommit('agm', grace, 'release');
    s.github.merged(pull, merge, 'grace');
    s.repo.checkout('main').git('merge', '--quiet', '--ff-only', 'release');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `main last changed ${postPath} in ${short(merge)}, which no merged pull request brought in`,
    );
  });

  it('an image named in another case than the file on main is not on main, even where the disk would not care', async () => {
    const s = await start(`${config()}rules:\n  media/missing-file: off\n`);
    s.land('agm', bob, {
      [postPath]: withImage().replace('./hall.png', './Hall.png'),
      [imagePath]: Buffer.from(png()),
    });
    const decision = await s.decide();
    expect(decision).toEqual({
      cleared: false,
      reason: `the image content/posts/2026/12/Hall.png is not on main: merge it through a reviewed pull request first.`,
    });
  });
});
