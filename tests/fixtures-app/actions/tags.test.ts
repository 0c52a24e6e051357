import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTag, removeTags, renameTag } from '@/actions/tags';
import { countTags } from '@/models/tags';
import { tagFactory, tagGroupFactory, userFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('createTag', () => {
  it('creates a tag with a slug from its name', async () => {
    const group = await tagGroupFactory.create();
    const result = await createTag({ name: 'Crème Brûlée', color: '#A1B2C3', groupId: group.id });
    expect(result).toMatchObject({
      success: true,
      tag: { name: 'Crème Brûlée', slug: 'creme-brulee', color: '#a1b2c3', groupId: group.id, ownerId: null },
    });
    expect(revalidatedPaths).toEqual(['/tags']);
  });

  it('refuses a bad colour', async () => {
    const result = await createTag({ name: 'Vegan', color: 'green' });
    expect(result).toMatchObject({
      success: false,
      error: 'Invalid input: color: must be a hex colour like #a1b2c3',
    });
    expect(await countTags()).toBe(0);
  });

  it('refuses a name with no letter or digit', async () => {
    expect(await createTag({ name: '!!!' })).toMatchObject({ success: false });
  });

  it('refuses a second global tag with the same slug (nulls not distinct) but allows a user their own', async () => {
    expect((await createTag({ name: 'Vegan' })).success).toBe(true);
    expect(await createTag({ name: 'vegan' })).toEqual({
      success: false,
      error: 'A tag named "vegan" already exists',
    });
    const owner = await userFactory.create();
    expect((await createTag({ name: 'Vegan', ownerId: owner.id })).success).toBe(true);
  });

  it('reports a parent that does not exist', async () => {
    expect(await createTag({ name: 'Orphan', parentId: 999 })).toEqual({
      success: false,
      error: 'The group, parent tag or owner does not exist',
    });
  });
});

describe('renameTag', () => {
  it('renames a tag and its slug', async () => {
    const tag = await tagFactory.create();
    expect(await renameTag({ id: tag.id, name: 'High protein' })).toMatchObject({
      success: true,
      tag: { id: tag.id, name: 'High protein', slug: 'high-protein' },
    });
  });

  it('refuses an empty name', async () => {
    const tag = await tagFactory.create();
    expect(await renameTag({ id: tag.id, name: '   ' })).toMatchObject({ success: false });
  });

  it('reports a missing tag', async () => {
    expect(await renameTag({ id: 12345, name: 'Ghost' })).toEqual({ success: false, error: 'Tag not found' });
    expect(revalidatedPaths).toEqual([]);
  });
});

describe('removeTags', () => {
  it('removes tags and, by cascade, their children', async () => {
    const parent = await tagFactory.create();
    await tagFactory.createMany(2, { parentId: parent.id });
    const other = await tagFactory.create();
    expect(await removeTags({ ids: [parent.id] })).toEqual({ success: true, removed: 1 });
    expect(await countTags()).toBe(1);
    expect(await removeTags({ ids: [other.id, 999] })).toEqual({ success: true, removed: 1 });
  });

  it('refuses an empty list', async () => {
    expect(await removeTags({ ids: [] })).toMatchObject({
      success: false,
      error: expect.stringContaining('ids'),
    });
  });
});
