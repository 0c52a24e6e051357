/**
 * The skill's "Common Tasks" recipes, read from SKILL.md (and references) at request time, so a prompt
 * always carries the steps the installed skill teaches rather than a copy that drifts.
 */
import { listSkillFiles, readSkillFile, skillDirectory } from '../resources/skill.js';

interface Section {
  level: number;
  heading: string;
  body: string;
}

/** Splits markdown into heading sections, ignoring `#` lines inside code fences. */
export function markdownSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark !== undefined) {
      if (fence === undefined) fence = fenceMark[0];
      else if (fenceMark.startsWith(fence)) fence = undefined;
    }
    const heading = fence === undefined ? /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading) {
      current = { level: heading[1]!.length, heading: heading[2]!, body: '' };
      sections.push(current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return sections;
}

/** A section with its subsections, as markdown. */
function sectionText(sections: Section[], index: number): string {
  const start = sections[index]!;
  const parts = [`${'#'.repeat(start.level)} ${start.heading}\n${start.body}`];
  for (let next = index + 1; next < sections.length && sections[next]!.level > start.level; next += 1) {
    const section = sections[next]!;
    parts.push(`${'#'.repeat(section.level)} ${section.heading}\n${section.body}`);
  }
  return parts.join('').trim();
}

/**
 * The recipe under the skill's "Common Tasks" heading whose title matches `pattern`; SKILL.md first, then
 * the references. Undefined when the installed skill has no such recipe.
 */
export function commonTask(
  pattern: RegExp,
  directory = skillDirectory(),
): { text: string; source: string } | undefined {
  for (const file of listSkillFiles(directory)) {
    let markdown: string;
    try {
      markdown = readSkillFile(file.path, directory);
    } catch {
      continue;
    }
    const sections = markdownSections(markdown);
    const tasksIndex = sections.findIndex((section) => /common tasks/i.test(section.heading));
    if (tasksIndex === -1) continue;
    const tasksLevel = sections[tasksIndex]!.level;
    for (
      let index = tasksIndex + 1;
      index < sections.length && sections[index]!.level > tasksLevel;
      index += 1
    ) {
      if (pattern.test(sections[index]!.heading))
        return { text: sectionText(sections, index), source: file.uri };
    }
  }
  return undefined;
}
