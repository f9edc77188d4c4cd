import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { typingText } from './typing';
import { annAndBobInADirectChat, until } from './engine/engine-testing';

const en = translator('en');

describe('typingText', () => {
  it('names one typer', () => {
    expect(typingText(['Ann'], 'en', en)).toBe('Ann is typing…');
  });

  it('joins two and three typers with the language\'s "and", never a bare comma', () => {
    expect(typingText(['Ann', 'Bob'], 'en', en)).toBe('Ann and Bob are typing…');
    expect(typingText(['Ann', 'Bob', 'Cat'], 'en', en)).toBe('Ann, Bob and Cat are typing…');
    expect(typingText(['Ann', 'Bob'], 'de', translator('de'))).toBe('Ann und Bob schreiben …');
    expect(typingText(['Ann', 'Bob'], 'fr', translator('fr'))).toBe('Ann et Bob écrivent…');
    expect(typingText(['Ann', 'Bob'], 'zh', translator('zh'))).toBe('Ann和Bob 正在输入…');
  });

  it('names two and counts the rest when more than three type', () => {
    expect(typingText(['Ann', 'Bob', 'Cat', 'Dan'], 'en', en)).toBe('Ann, Bob and 2 others are typing…');
    expect(typingText(['Ann', 'Bob', 'Cat', 'Dan', 'Eve'], 'de', translator('de'))).toBe(
      'Ann, Bob und 3 weitere schreiben …',
    );
  });

  it('is null when nobody types', () => {
    expect(typingText([], 'en', en)).toBeNull();
  });
});

describe('typing indicator', { timeout: 30_000 }, () => {
  it("clears as soon as the typer's message arrives", async () => {
    const { ann, bob, conversationId } = await annAndBobInADirectChat();

    bob.engine.notifyTyping(conversationId);
    await until(() => ann.engine.typingAccounts(conversationId).includes('bob'), 'typing shown');
    await bob.engine.sendText(conversationId, 'done typing');
    await until(
      async () => (await ann.engine.messages(conversationId)).some((m) => m.text === 'done typing'),
      'message arrived',
    );
    expect(ann.engine.typingAccounts(conversationId)).toEqual([]);
  });
});
