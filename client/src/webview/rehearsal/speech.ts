/**
 * Reads caller lines aloud with the browser's speech synthesis, where the platform has a voice. Voices
 * arrive late on some platforms (`voiceschanged`); with none, the page's toggle says so and is disabled.
 */

/** The speech state the page shows. */
export interface SpeechStatus {
  /** A voice exists (English preferred). */
  available: boolean;
  /** Why not, for the toggle's label. */
  reason?: string;
}

/** A thin wrapper over `window.speechSynthesis`. */
export class Speech {
  private voice: SpeechSynthesisVoice | undefined;
  private readonly synth: SpeechSynthesis | undefined =
    typeof speechSynthesis === 'object' && speechSynthesis ? speechSynthesis : undefined;

  constructor(private readonly onChange: (status: SpeechStatus) => void) {
    if (!this.synth) return;
    this.pick();
    this.synth.addEventListener?.('voiceschanged', () => {
      this.pick();
      this.onChange(this.status());
    });
  }

  status(): SpeechStatus {
    if (!this.synth) return { available: false, reason: 'no speech synthesis in this window' };
    if (!this.voice) return { available: false, reason: 'no voice on this system' };
    return { available: true };
  }

  /** Speaks `text` (stage directions in parentheses are left out); queues after what is speaking. */
  say(text: string): void {
    if (!this.synth || !this.voice) return;
    const spoken = text
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!spoken) return;
    const u = new SpeechSynthesisUtterance(spoken);
    u.voice = this.voice;
    u.lang = this.voice.lang;
    this.synth.speak(u);
  }

  /** Stops speaking and clears the queue. */
  stop(): void {
    this.synth?.cancel();
  }

  private pick(): void {
    const voices = this.synth?.getVoices() ?? [];
    this.voice =
      voices.find((v) => /^en(-GB)?$/i.test(v.lang) || /^en[-_]GB/i.test(v.lang)) ??
      voices.find((v) => /^en/i.test(v.lang)) ??
      voices[0];
  }
}
