import { GoogleGenAI } from '@google/genai';

const genai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

/** Flags angry customers for a callback. */
export async function sentiment(message: string): Promise<string> {
  const result = await genai.models.generateContent({
    model: 'gemini-2.5-pro',
    contents: `Classify the sentiment of this customer message as positive, neutral or negative.\n\nMessage: ${message}`,
    config: {
      maxOutputTokens: 5,
      responseMimeType: 'text/x.enum',
      responseSchema: { type: 'STRING', enum: ['positive', 'neutral', 'negative'] },
    },
  });
  return result.text ?? 'neutral';
}
